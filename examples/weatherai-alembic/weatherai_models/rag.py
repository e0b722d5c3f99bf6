"""RAG domain: schema `rag` (documents, document_chunks).

Revision 20250826_0004 moved these tables here from the legacy public schema
(public.rag_documents -> rag.documents) and renamed their keys and indexes to
the naming convention.
"""
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)

from weatherai_models.base import domain_base

RagBase = domain_base("RagBase")


class Document(RagBase):
    __tablename__ = "documents"
    __table_args__ = {"schema": "rag"}

    id = Column(Integer, primary_key=True)  # pk_documents
    title = Column(String(300), nullable=False)
    source_url = Column(String(2048), index=True)  # ix_rag_documents_source_url
    content = Column(Text, nullable=False)
    # `metadata` is taken by the declarative base
    metadata_ = Column("metadata", JSON)
    created_at = Column(
        DateTime(timezone=True),
        nullable=False,
        server_default=text("CURRENT_TIMESTAMP"),
    )


class DocumentChunk(RagBase):
    __tablename__ = "document_chunks"
    __table_args__ = (
        Index(
            "ix_rag_document_chunks_document_id",
            "document_id",
            "chunk_index",
            unique=True,
        ),
        {"schema": "rag"},
    )

    id = Column(Integer, primary_key=True)  # pk_document_chunks
    document_id = Column(
        Integer,
        # fk_document_chunks_document_id_documents
        ForeignKey("rag.documents.id", ondelete="CASCADE"),
        nullable=False,
    )
    chunk_index = Column(Integer, nullable=False)
    content = Column(Text, nullable=False)
    embedding = Column(LargeBinary)
