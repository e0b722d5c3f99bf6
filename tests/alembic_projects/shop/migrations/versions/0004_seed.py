"""seed the category tree

Demo customers only with `alembic -x seed=yes upgrade head`.

Revision ID: 0004_seed
Revises: 0003_orders
Create Date: 2024-02-05 11:20:44.005871

"""
from alembic import context, op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_seed'
down_revision = '0003_orders'
branch_labels = None
depends_on = None

categories = sa.table(
    "categories",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("parent_id", sa.Integer),
    schema="catalog",
)


def upgrade() -> None:
    op.bulk_insert(
        categories,
        [
            {"id": 1, "name": "Garden", "parent_id": None},
            {"id": 2, "name": "Garden Tools", "parent_id": 1},
            {"id": 3, "name": "Kitchen & Dining", "parent_id": None},
        ],
    )
    op.execute("SELECT setval(pg_get_serial_sequence('catalog.categories', 'id'), 3)")

    if context.get_x_argument(as_dictionary=True).get("seed", "no") == "yes":
        customers = sa.table(
            "customers",
            sa.column("email", sa.String),
            sa.column("full_name", sa.String),
            schema="sales",
        )
        op.bulk_insert(
            customers,
            [
                {"email": "ada@example.com", "full_name": "Ada Lovelace"},
                {"email": "grace@example.com", "full_name": "Grace Hopper"},
            ],
        )


def downgrade() -> None:
    op.execute("DELETE FROM sales.customers WHERE email LIKE '%@example.com'")
    op.execute("DELETE FROM catalog.categories WHERE id IN (1, 2, 3)")
