  op.bulk_insert("plans", {
    {id = 1, name = "free", active = true, price = 0.0, note = op.null},
    {id = 2, name = "pro \"plus\"", active = false, price = 9.99, note = "two\nlines"},
  }, {schema = "core", columns = {"id", "name", "active", "price", "note"}, types = {active = op.Boolean}})
