"""core analytics tables

Revision ID: 20250812_0003
Revises: 20250805_0002
Create Date: 2025-08-12 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20250812_0003"
down_revision = "20250805_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forecast_requests",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("CURRENT_TIMESTAMP"),
        ),
        sa.Column("model_version", sa.String(length=40), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["core.users.id"],
            name="fk_forecast_requests_user_id_users",
            ondelete="CASCADE",
        ),
        # NO ACTION here: a user's requests already go with the user, and SQL
        # Server refuses two cascade paths (users -> locations -> requests).
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["core.locations.id"],
            name="fk_forecast_requests_location_id_locations",
        ),
        schema="core",
    )

    op.create_table(
        "daily_usage",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("request_count", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_daily_usage"),
        sa.CheckConstraint("request_count >= 0", name="ck_daily_usage_request_count"),
        schema="core",
    )

    op.create_index(
        "ix_core_forecast_requests_requested_at",
        "forecast_requests",
        ["requested_at"],
        unique=False,
        schema="core",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_core_forecast_requests_requested_at",
        table_name="forecast_requests",
        schema="core",
    )
    op.drop_table("daily_usage", schema="core")
    op.drop_table("forecast_requests", schema="core")
