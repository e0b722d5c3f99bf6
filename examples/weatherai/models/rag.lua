-- WeatherAI RAG domain: schema `rag` at head. Revision 0004 moved these
-- tables here from the legacy default schema (public.rag_documents ->
-- rag.documents); autogenerate from revision 0003 writes that as move_table,
-- keeping every row.

model.schema("rag")

model.table("documents",
  model.column("id", model.Integer, {primary_key = true}),
  model.column("title", model.String(300), {nullable = false}),
  model.column("source_url", model.String(2048)),
  model.column("content", model.Text, {nullable = false}),
  model.column("metadata", model.JSON),
  model.column("created_at", model.DateTime{timezone = true},
               {nullable = false, server_default = model.text("CURRENT_TIMESTAMP")}),
  model.primary_key_constraint({"id"}),
  {schema = "rag"})

model.index("ix_rag_documents_source_url", "documents", {"source_url"}, {schema = "rag"})

model.table("document_chunks",
  model.column("id", model.Integer, {primary_key = true}),
  model.column("document_id", model.Integer, {nullable = false}),
  model.column("chunk_index", model.Integer, {nullable = false}),
  model.column("content", model.Text, {nullable = false}),
  model.column("embedding", model.LargeBinary),
  model.primary_key_constraint({"id"}),
  model.foreign_key_constraint({"document_id"}, "rag.documents", {"id"}, {ondelete = "CASCADE"}),
  {schema = "rag"})

model.index("ix_rag_document_chunks_document_id", "document_chunks",
            {"document_id", "chunk_index"}, {schema = "rag", unique = true})
