  op.create_foreign_key("fk_chunks_document", "chunks", "documents", {"document_id"}, {"id"}, {source_schema = "rag", referent_schema = "rag", ondelete = "CASCADE", deferrable = true, initially = "DEFERRED"})
  op.create_check_constraint("ck_chunks_position", "chunks", "position >= 0", {schema = "rag"})
  -- a key whose definition matches under another name is renamed
  op.rename_constraint("chunks", "chunks_pkey", "pk_chunks", {schema = "rag", type_ = "primary"})
  op.drop_constraint("fk_chunks_document", "chunks", {schema = "rag", dropped = op.foreign_key_constraint({"document_id"}, "rag.documents", {"id"}, {ondelete = "CASCADE", deferrable = true, initially = "DEFERRED"})})
