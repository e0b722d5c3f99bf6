-- move rag to schema
--
-- Revision ID: 20250826_0004
-- Revises: 20250812_0003
-- Create Date: 2025-08-26 09:00:00
--
-- Phase 3: public.rag_documents -> rag.documents and
-- public.rag_document_chunks -> rag.document_chunks, every row kept; the
-- chunk -> document foreign key and the indexes follow the naming convention.
-- Written per dialect with op.execute until the move_table / rename_index
-- operations land; SQLite cannot move a table between attached files, so
-- there the rows are copied into new tables.

revision = "20250826_0004"
down_revision = "20250812_0003"
branch_labels = nil
depends_on = nil

local function sqlite_rag_tables(schema, documents, chunks, fk_name, ix_chunks, ix_source)
  op.create_table(documents,
    op.column("id", op.Integer, {primary_key = true}),
    op.column("title", op.String(300), {nullable = false}),
    op.column("source_url", op.String(2048)),
    op.column("content", op.Text, {nullable = false}),
    op.column("metadata", op.JSON),
    op.column("created_at", op.DateTime{timezone = true},
              {nullable = false, server_default = op.text("CURRENT_TIMESTAMP")}),
    {schema = schema})
  op.create_table(chunks,
    op.column("id", op.Integer, {primary_key = true}),
    op.column("document_id", op.Integer, {nullable = false}),
    op.column("chunk_index", op.Integer, {nullable = false}),
    op.column("content", op.Text, {nullable = false}),
    op.column("embedding", op.LargeBinary),
    op.foreign_key_constraint({"document_id"}, (schema and schema .. "." or "") .. documents,
                              {"id"}, {name = fk_name, ondelete = "CASCADE"}),
    {schema = schema})
  op.create_index(ix_chunks, chunks, {"document_id", "chunk_index"}, {unique = true, schema = schema})
  op.create_index(ix_source, documents, {"source_url"}, {schema = schema})
end

local function sqlite_copy(from, to)
  op.execute("INSERT INTO " .. to .. " SELECT * FROM " .. from)
end

function upgrade()
  op.create_schema("rag", {if_not_exists = true})
  if op.dialect == "sqlite" then
    sqlite_rag_tables("rag", "documents", "document_chunks", "fk_document_chunks_document_id_documents",
                      "ix_rag_document_chunks_document_id", "ix_rag_documents_source_url")
    sqlite_copy("main.rag_documents", "rag.documents")
    sqlite_copy("main.rag_document_chunks", "rag.document_chunks")
    op.drop_table("rag_document_chunks")
    op.drop_table("rag_documents")
    return
  end
  op.execute{
    postgresql = [[
      ALTER TABLE public.rag_documents SET SCHEMA rag;
      ALTER TABLE rag.rag_documents RENAME TO documents;
      ALTER SEQUENCE rag.rag_documents_id_seq RENAME TO documents_id_seq;
      ALTER TABLE rag.documents RENAME CONSTRAINT rag_documents_pkey TO pk_documents;
      ALTER TABLE public.rag_document_chunks SET SCHEMA rag;
      ALTER TABLE rag.rag_document_chunks RENAME TO document_chunks;
      ALTER SEQUENCE rag.rag_document_chunks_id_seq RENAME TO document_chunks_id_seq;
      ALTER TABLE rag.document_chunks RENAME CONSTRAINT rag_document_chunks_pkey TO pk_document_chunks;
      ALTER TABLE rag.document_chunks RENAME CONSTRAINT rag_document_chunks_document_id_fkey
        TO fk_document_chunks_document_id_documents;
      ALTER INDEX rag.idx_rag_chunks_document RENAME TO ix_rag_document_chunks_document_id;
      ALTER INDEX rag.idx_rag_documents_source RENAME TO ix_rag_documents_source_url]],
    mssql = [[
      ALTER SCHEMA rag TRANSFER dbo.rag_documents;
      EXEC sp_rename N'rag.rag_documents', N'documents';
      ALTER SCHEMA rag TRANSFER dbo.rag_document_chunks;
      EXEC sp_rename N'rag.rag_document_chunks', N'document_chunks';
      EXEC sp_rename N'rag.rag_document_chunks_document_id_fkey',
        N'fk_document_chunks_document_id_documents', N'OBJECT';
      EXEC sp_rename N'rag.document_chunks.idx_rag_chunks_document',
        N'ix_rag_document_chunks_document_id', N'INDEX';
      EXEC sp_rename N'rag.documents.idx_rag_documents_source',
        N'ix_rag_documents_source_url', N'INDEX']],
  }
end

function downgrade()
  if op.dialect == "sqlite" then
    sqlite_rag_tables(nil, "rag_documents", "rag_document_chunks",
                      "rag_document_chunks_document_id_fkey",
                      "idx_rag_chunks_document", "idx_rag_documents_source")
    sqlite_copy("rag.documents", "main.rag_documents")
    sqlite_copy("rag.document_chunks", "main.rag_document_chunks")
    op.drop_table("document_chunks", {schema = "rag"})
    op.drop_table("documents", {schema = "rag"})
  else
    op.execute{
      postgresql = [[
        ALTER INDEX rag.ix_rag_documents_source_url RENAME TO idx_rag_documents_source;
        ALTER INDEX rag.ix_rag_document_chunks_document_id RENAME TO idx_rag_chunks_document;
        ALTER TABLE rag.document_chunks RENAME CONSTRAINT fk_document_chunks_document_id_documents
          TO rag_document_chunks_document_id_fkey;
        ALTER TABLE rag.document_chunks RENAME CONSTRAINT pk_document_chunks TO rag_document_chunks_pkey;
        ALTER SEQUENCE rag.document_chunks_id_seq RENAME TO rag_document_chunks_id_seq;
        ALTER TABLE rag.document_chunks RENAME TO rag_document_chunks;
        ALTER TABLE rag.rag_document_chunks SET SCHEMA public;
        ALTER TABLE rag.documents RENAME CONSTRAINT pk_documents TO rag_documents_pkey;
        ALTER SEQUENCE rag.documents_id_seq RENAME TO rag_documents_id_seq;
        ALTER TABLE rag.documents RENAME TO rag_documents;
        ALTER TABLE rag.rag_documents SET SCHEMA public]],
      mssql = [[
        EXEC sp_rename N'rag.documents.ix_rag_documents_source_url', N'idx_rag_documents_source', N'INDEX';
        EXEC sp_rename N'rag.document_chunks.ix_rag_document_chunks_document_id',
          N'idx_rag_chunks_document', N'INDEX';
        EXEC sp_rename N'rag.fk_document_chunks_document_id_documents',
          N'rag_document_chunks_document_id_fkey', N'OBJECT';
        EXEC sp_rename N'rag.document_chunks', N'rag_document_chunks';
        ALTER SCHEMA dbo TRANSFER rag.rag_document_chunks;
        EXEC sp_rename N'rag.documents', N'rag_documents';
        ALTER SCHEMA dbo TRANSFER rag.rag_documents]],
    }
  end
  op.drop_schema("rag", {if_exists = true})
end
