"""reporting: order totals view

The view reads orders.status and orders.amount_cents, which 0005_order_state
introduces on the main line.

Revision ID: r002_order_totals_view
Revises: r001_reporting
Create Date: 2024-03-12 10:31:48.092251

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'r002_order_totals_view'
down_revision = 'r001_reporting'
branch_labels = None
depends_on = '0005_order_state'


def upgrade() -> None:
    op.execute(
        """
        CREATE VIEW sales.order_totals AS
        SELECT date_trunc('day', placed_at)::date AS day,
               count(*) AS orders,
               sum(amount_cents) AS revenue_cents
          FROM sales.orders
         WHERE status <> 'cancelled'
         GROUP BY 1
        """
    )


def downgrade() -> None:
    op.execute("DROP VIEW sales.order_totals")
