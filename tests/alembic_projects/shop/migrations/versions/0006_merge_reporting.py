"""merge reporting branch

Revision ID: 0006_merge_reporting
Revises: 0005_order_state, r002_order_totals_view
Create Date: 2024-03-12 10:40:03.771490

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_merge_reporting'
down_revision = ('0005_order_state', 'r002_order_totals_view')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
