-- legacy rag tables in public
--
-- Revision ID: 20250805_0002
-- Revises: 20250801_0001
-- Create Date: 2025-08-05 09:00:00

revision = "20250805_0002"
down_revision = "20250801_0001"
branch_labels = nil
depends_on = nil

function upgrade()
  -- Legacy tables live in the default schema (public on PostgreSQL, main on SQLite).
  op.create_table("rag_documents",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("title", op.String(300), {nullable = false}),
    op.column("source_url", op.String(2048)),
    op.column("content", op.Text, {nullable = false}),
    op.column("metadata", op.JSON),
    op.column("created_at", op.DateTime{timezone = true},
              {nullable = false, server_default = op.text("CURRENT_TIMESTAMP")}),
    -- PostgreSQL's default key name, spelled out so every dialect has it
    op.primary_key_constraint({"id"}, {name = "rag_documents_pkey"}))

  op.create_table("rag_document_chunks",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("document_id", op.Integer, {nullable = false}),
    op.column("chunk_index", op.Integer, {nullable = false}),
    op.column("content", op.Text, {nullable = false}),
    op.column("embedding", op.LargeBinary),
    op.primary_key_constraint({"id"}, {name = "rag_document_chunks_pkey"}),
    op.foreign_key_constraint({"document_id"}, "rag_documents", {"id"},
                              {name = "rag_document_chunks_document_id_fkey", ondelete = "CASCADE"}))

  op.create_index("idx_rag_chunks_document", "rag_document_chunks", {"document_id", "chunk_index"},
                  {unique = true})
  op.create_index("idx_rag_documents_source", "rag_documents", {"source_url"})
end

function downgrade()
  -- The indexes go with their tables (MySQL/MariaDB refuse to drop an index
  -- a foreign key still uses).
  op.drop_table("rag_document_chunks")
  op.drop_table("rag_documents")
end
