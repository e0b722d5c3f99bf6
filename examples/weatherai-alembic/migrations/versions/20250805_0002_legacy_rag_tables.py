"""legacy rag tables in public

Revision ID: 20250805_0002
Revises: 20250801_0001
Create Date: 2025-08-05 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20250805_0002"
down_revision = "20250801_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Legacy tables live in the default schema (public).
    op.create_table(
        "rag_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("source_url", sa.String(length=2048), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("CURRENT_TIMESTAMP"),
        ),
        sa.PrimaryKeyConstraint("id", name="rag_documents_pkey"),
    )

    op.create_table(
        "rag_document_chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("chunk_index", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="rag_document_chunks_pkey"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["rag_documents.id"],
            name="rag_document_chunks_document_id_fkey",
            ondelete="CASCADE",
        ),
    )

    op.create_index(
        "idx_rag_chunks_document",
        "rag_document_chunks",
        ["document_id", "chunk_index"],
        unique=True,
    )
    op.create_index("idx_rag_documents_source", "rag_documents", ["source_url"])


def downgrade() -> None:
    # The indexes go with their tables.
    op.drop_table("rag_document_chunks")
    op.drop_table("rag_documents")
