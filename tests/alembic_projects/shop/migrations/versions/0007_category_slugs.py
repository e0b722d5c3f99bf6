"""category slugs

Slugs are computed in Python: the rules (ASCII folding, "&" -> "and",
dedup with a numeric suffix) are the ones the storefront uses.

Revision ID: 0007_category_slugs
Revises: 0006_merge_reporting
Create Date: 2024-04-02 17:25:39.640118

"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session, declarative_base


# revision identifiers, used by Alembic.
revision = '0007_category_slugs'
down_revision = '0006_merge_reporting'
branch_labels = None
depends_on = None

Base = declarative_base()


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = {"schema": "catalog"}

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(120), nullable=False)
    slug = sa.Column(sa.String(140))


def slugify(name):
    name = name.replace("&", " and ")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def upgrade() -> None:
    op.add_column('categories', sa.Column('slug', sa.String(length=140), nullable=True), schema='catalog')

    session = Session(bind=op.get_bind())
    seen = set()
    for category in session.query(Category).order_by(Category.id):
        slug = base = slugify(category.name)
        n = 2
        while slug in seen:
            slug = f"{base}-{n}"
            n += 1
        seen.add(slug)
        category.slug = slug
    session.flush()

    op.alter_column('categories', 'slug', existing_type=sa.String(length=140), nullable=False, schema='catalog')
    op.create_unique_constraint(op.f('uq_categories_slug'), 'categories', ['slug'], schema='catalog')


def downgrade() -> None:
    op.drop_constraint(op.f('uq_categories_slug'), 'categories', schema='catalog', type_='unique')
    op.drop_column('categories', 'slug', schema='catalog')
