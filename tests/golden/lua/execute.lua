  op.execute("UPDATE core.users\n   SET tier = 'pro'\n WHERE email LIKE '%\\_%'", {reverse = "UPDATE core.users SET tier = 'free'"})
  op.execute({sql = "SELECT 1", postgresql = "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\"", sqlite = "SELECT 2"})
