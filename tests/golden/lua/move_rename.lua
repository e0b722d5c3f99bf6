  -- public.rag_documents -> rag.documents: same columns, rows kept
  op.move_table("rag_documents", {new_schema = "rag", new_name = "documents"})
  op.rename_column("documents", "url", "source_url", {schema = "rag"})
  op.rename_index("idx_rag_documents_source", "ix_documents_source_url", {table = "documents", schema = "rag"})
  op.create_table_comment("documents", "Source documents", {schema = "rag", existing_comment = false})
