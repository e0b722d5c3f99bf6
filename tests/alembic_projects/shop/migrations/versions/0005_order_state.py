"""order state as an enum, amounts renamed

Revision ID: 0005_order_state
Revises: 0004_seed
Create Date: 2024-03-11 14:02:17.554402

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0005_order_state'
down_revision = '0004_seed'
branch_labels = None
depends_on = None

order_status = postgresql.ENUM('new', 'paid', 'shipped', 'cancelled', name='order_status', schema='sales')


def upgrade() -> None:
    order_status.create(op.get_bind(), checkfirst=True)
    op.add_column('orders', sa.Column('status', postgresql.ENUM(name='order_status', schema='sales', create_type=False), server_default='new', nullable=False), schema='sales')

    conn = op.get_bind()
    conn.execute(sa.text("UPDATE sales.orders SET status = state::sales.order_status WHERE state IN ('new', 'paid', 'shipped', 'cancelled')"))

    op.drop_column('orders', 'state', schema='sales')
    op.alter_column('orders', 'total_cents', existing_type=sa.Integer(), existing_nullable=False, new_column_name='amount_cents', schema='sales')

    for table in ["orders", "order_lines"]:
        op.execute(f"COMMENT ON TABLE sales.{table} IS 'owned by the sales team'")

    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE sales.orders SET (fillfactor = 90)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE sales.orders RESET (fillfactor)")

    for table in ["orders", "order_lines"]:
        op.execute(f"COMMENT ON TABLE sales.{table} IS NULL")

    op.alter_column('orders', 'amount_cents', existing_type=sa.Integer(), existing_nullable=False, new_column_name='total_cents', schema='sales')
    op.add_column('orders', sa.Column('state', sa.VARCHAR(length=20), server_default=sa.text("'new'::character varying"), autoincrement=False, nullable=False), schema='sales')

    conn = op.get_bind()
    conn.execute(sa.text("UPDATE sales.orders SET state = status::text"))

    op.drop_column('orders', 'status', schema='sales')
    order_status.drop(op.get_bind(), checkfirst=True)
