"""The naming convention every domain base uses (see the migrations guide)."""
from sqlalchemy import MetaData
from sqlalchemy.orm import declarative_base

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def domain_base(name):
    """A declarative base with its own MetaData under the naming convention."""
    return declarative_base(
        name=name, metadata=MetaData(naming_convention=NAMING_CONVENTION)
    )
