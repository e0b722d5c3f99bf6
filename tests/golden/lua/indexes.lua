  -- CONCURRENTLY runs outside the transaction
  op.autocommit_block(function()
    op.create_index("ix_chunks_lower_title", "chunks", {op.text("lower(title)"), "id"}, {schema = "rag", where = "deleted_at IS NULL", include = {"document_id"}, concurrently = true})
    op.drop_index("ix_chunks_lower_title", "chunks", {schema = "rag", concurrently = true, columns = {op.text("lower(title)"), "id"}, where = "deleted_at IS NULL", include = {"document_id"}})
  end)
  op.create_index("ix_events_kind", "events", {"kind"})
