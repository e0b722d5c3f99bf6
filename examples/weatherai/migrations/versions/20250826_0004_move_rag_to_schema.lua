-- move rag to schema
--
-- Revision ID: 20250826_0004
-- Revises: 20250812_0003
-- Create Date: 2025-08-26 09:00:00
--
-- Phase 3 of the guide: public.rag_documents -> rag.documents and
-- public.rag_document_chunks -> rag.document_chunks with every row, the
-- chunk -> document foreign key re-pointed, keys and indexes renamed to the
-- naming convention (pk_%(table_name)s, fk_..., ix_%(schema)s_...). The same
-- ops run on PostgreSQL (SET SCHEMA; owned sequences and default-named keys
-- renamed to match), SQL Server (ALTER SCHEMA TRANSFER + sp_rename),
-- MySQL/MariaDB (RENAME TABLE across databases) and SQLite (copied into the attached rag file).

revision = "20250826_0004"
down_revision = "20250812_0003"
branch_labels = nil
depends_on = nil

local LEGACY_FK = "rag_document_chunks_document_id_fkey"
local NEW_FK = "fk_document_chunks_document_id_documents"

function upgrade()
  op.create_schema("rag", {if_not_exists = true})

  -- The foreign key is re-pointed, not carried: dropped while both tables
  -- are legacy, re-created between the moved tables under its new name.
  op.drop_constraint(LEGACY_FK, "rag_document_chunks", {type_ = "foreignkey"})
  op.move_table("rag_documents", {new_schema = "rag", new_name = "documents"})
  op.move_table("rag_document_chunks", {new_schema = "rag", new_name = "document_chunks"})
  op.create_foreign_key(NEW_FK, "document_chunks", "documents", {"document_id"}, {"id"},
                        {source_schema = "rag", referent_schema = "rag", ondelete = "CASCADE"})
  local pg = op.dialect == "postgresql"  -- its move_table renamed rag_documents_pkey too
  op.rename_constraint("documents", pg and "documents_pkey" or "rag_documents_pkey",
                       "pk_documents", {schema = "rag", type_ = "primary"})
  op.rename_constraint("document_chunks",
                       pg and "document_chunks_pkey" or "rag_document_chunks_pkey",
                       "pk_document_chunks", {schema = "rag", type_ = "primary"})
  op.rename_index("idx_rag_chunks_document", "ix_rag_document_chunks_document_id",
                  {schema = "rag", table = "document_chunks"})
  op.rename_index("idx_rag_documents_source", "ix_rag_documents_source_url",
                  {schema = "rag", table = "documents"})
end

function downgrade()
  op.rename_index("ix_rag_documents_source_url", "idx_rag_documents_source",
                  {schema = "rag", table = "documents"})
  op.rename_index("ix_rag_document_chunks_document_id", "idx_rag_chunks_document",
                  {schema = "rag", table = "document_chunks"})
  -- PostgreSQL's move_table back renames documents_pkey to rag_documents_pkey
  local pg = op.dialect == "postgresql"
  op.rename_constraint("document_chunks", "pk_document_chunks",
                       pg and "document_chunks_pkey" or "rag_document_chunks_pkey",
                       {schema = "rag", type_ = "primary"})
  op.rename_constraint("documents", "pk_documents", pg and "documents_pkey" or "rag_documents_pkey",
                       {schema = "rag", type_ = "primary"})

  op.drop_constraint(NEW_FK, "document_chunks", {schema = "rag", type_ = "foreignkey"})
  -- no new_schema: back into the default schema (public, main, dbo, the
  -- URL's database)
  op.move_table("document_chunks", {schema = "rag", new_name = "rag_document_chunks"})
  op.move_table("documents", {schema = "rag", new_name = "rag_documents"})
  op.create_foreign_key(LEGACY_FK, "rag_document_chunks", "rag_documents", {"document_id"}, {"id"},
                        {ondelete = "CASCADE"})

  op.drop_schema("rag", {if_exists = true})
end
