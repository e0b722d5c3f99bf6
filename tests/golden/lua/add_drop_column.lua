  -- possible rename of nick -> nickname: add renamed_from to the model
  op.add_column("users", op.column("nickname", op.String(50), {comment = "shown name"}), {schema = "core"})
  op.drop_column("users", "nickname", {schema = "core", existing_type = op.String(50), existing_comment = "shown name"})
