"""WeatherAI SQLAlchemy models: one declarative base per domain schema.

CoreBase -> schema core (users, locations, analytics)
RagBase  -> schema rag  (documents, document_chunks)

Both bases share the team's naming convention, so keys, indexes and checks
that the models leave unnamed get the names Alembic's autogenerate writes.
"""
from weatherai_models.base import NAMING_CONVENTION
from weatherai_models.core import CoreBase
from weatherai_models.rag import RagBase

# All domain bases, for alembic/env.py's target_metadata and other tools.
all_metadata = [CoreBase.metadata, RagBase.metadata]

__all__ = ["NAMING_CONVENTION", "CoreBase", "RagBase", "all_metadata"]
