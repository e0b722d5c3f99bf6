"""move rag to schema

Revision ID: 20250826_0004
Revises: 20250812_0003
Create Date: 2025-08-26 09:00:00

Phase 3 of the guide: public.rag_documents -> rag.documents and
public.rag_document_chunks -> rag.document_chunks with every row, the
chunk -> document foreign key re-pointed, keys and indexes renamed to the
naming convention (pk_%(table_name)s, fk_..., ix_%(schema)s_...).
PostgreSQL only: ALTER TABLE ... SET SCHEMA moves each table with its rows,
indexes, keys and owned sequence; the sequences are renamed to match.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20250826_0004"
down_revision = "20250812_0003"
branch_labels = None
depends_on = None

LEGACY_FK = "rag_document_chunks_document_id_fkey"
NEW_FK = "fk_document_chunks_document_id_documents"


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS rag")

    # The foreign key is re-pointed, not carried: dropped while both tables
    # are legacy, re-created between the moved tables under its new name.
    op.drop_constraint(LEGACY_FK, "rag_document_chunks", type_="foreignkey")

    op.execute("ALTER TABLE public.rag_documents SET SCHEMA rag")
    op.rename_table("rag_documents", "documents", schema="rag")
    op.execute("ALTER SEQUENCE rag.rag_documents_id_seq RENAME TO documents_id_seq")

    op.execute("ALTER TABLE public.rag_document_chunks SET SCHEMA rag")
    op.rename_table("rag_document_chunks", "document_chunks", schema="rag")
    op.execute(
        "ALTER SEQUENCE rag.rag_document_chunks_id_seq RENAME TO document_chunks_id_seq"
    )

    op.create_foreign_key(
        NEW_FK,
        "document_chunks",
        "documents",
        ["document_id"],
        ["id"],
        source_schema="rag",
        referent_schema="rag",
        ondelete="CASCADE",
    )

    # Keys and indexes follow the naming convention.
    op.execute("ALTER TABLE rag.documents RENAME CONSTRAINT rag_documents_pkey TO pk_documents")
    op.execute(
        "ALTER TABLE rag.document_chunks "
        "RENAME CONSTRAINT rag_document_chunks_pkey TO pk_document_chunks"
    )
    op.execute(
        "ALTER INDEX rag.idx_rag_chunks_document RENAME TO ix_rag_document_chunks_document_id"
    )
    op.execute("ALTER INDEX rag.idx_rag_documents_source RENAME TO ix_rag_documents_source_url")


def downgrade() -> None:
    op.execute("ALTER INDEX rag.ix_rag_documents_source_url RENAME TO idx_rag_documents_source")
    op.execute(
        "ALTER INDEX rag.ix_rag_document_chunks_document_id RENAME TO idx_rag_chunks_document"
    )
    op.execute(
        "ALTER TABLE rag.document_chunks "
        "RENAME CONSTRAINT pk_document_chunks TO rag_document_chunks_pkey"
    )
    op.execute("ALTER TABLE rag.documents RENAME CONSTRAINT pk_documents TO rag_documents_pkey")

    op.drop_constraint(NEW_FK, "document_chunks", schema="rag", type_="foreignkey")

    # back into the default schema
    op.execute(
        "ALTER SEQUENCE rag.document_chunks_id_seq RENAME TO rag_document_chunks_id_seq"
    )
    op.rename_table("document_chunks", "rag_document_chunks", schema="rag")
    op.execute("ALTER TABLE rag.rag_document_chunks SET SCHEMA public")

    op.execute("ALTER SEQUENCE rag.documents_id_seq RENAME TO rag_documents_id_seq")
    op.rename_table("documents", "rag_documents", schema="rag")
    op.execute("ALTER TABLE rag.rag_documents SET SCHEMA public")

    op.create_foreign_key(
        LEGACY_FK,
        "rag_document_chunks",
        "rag_documents",
        ["document_id"],
        ["id"],
        ondelete="CASCADE",
    )

    op.execute("DROP SCHEMA IF EXISTS rag")
