"""merge heads

Revision ID: 5d0c7a3b9e21
Revises: b7d3e9f01c42, 1e9a6c2f4d88
Create Date: 2024-01-22 10:00:51.287604

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d0c7a3b9e21'
down_revision = ('b7d3e9f01c42', '1e9a6c2f4d88')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
