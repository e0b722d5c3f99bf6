"""Core domain: schema `core` (users, locations, analytics).

The primary keys of users, locations and forecast_requests were created by
revisions 0001 and 0003 before the naming convention reached the migrations,
so they keep PostgreSQL's names (<table>_pkey) and are named here.
"""
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    text,
)

from weatherai_models.base import domain_base

CoreBase = domain_base("CoreBase")


class User(CoreBase):
    __tablename__ = "users"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="users_pkey"),
        {"schema": "core", "comment": "application users"},
    )

    id = Column(Integer, primary_key=True)
    email = Column(String(255), nullable=False, unique=True)  # uq_users_email
    display_name = Column(String(120))
    is_active = Column(Boolean, nullable=False, server_default="1")
    created_at = Column(
        DateTime(timezone=True),
        nullable=False,
        server_default=text("CURRENT_TIMESTAMP"),
    )


class Location(CoreBase):
    __tablename__ = "locations"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="locations_pkey"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude"),
        {"schema": "core"},
    )

    id = Column(Integer, primary_key=True)
    user_id = Column(
        Integer,
        ForeignKey("core.users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,  # ix_core_locations_user_id
    )
    name = Column(String(120), nullable=False)
    latitude = Column(Numeric(9, 6), nullable=False)
    longitude = Column(Numeric(9, 6), nullable=False)
    timezone = Column(String(64), server_default="UTC")


class ForecastRequest(CoreBase):
    __tablename__ = "forecast_requests"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="forecast_requests_pkey"),
        {"schema": "core"},
    )

    id = Column(BigInteger, primary_key=True)
    user_id = Column(
        Integer, ForeignKey("core.users.id", ondelete="CASCADE"), nullable=False
    )
    # NO ACTION: a user's requests already go with the user.
    location_id = Column(Integer, ForeignKey("core.locations.id"), nullable=False)
    requested_at = Column(
        DateTime(timezone=True),
        nullable=False,
        server_default=text("CURRENT_TIMESTAMP"),
        index=True,  # ix_core_forecast_requests_requested_at
    )
    model_version = Column(String(40), nullable=False)
    latency_ms = Column(Integer)


class DailyUsage(CoreBase):
    __tablename__ = "daily_usage"
    __table_args__ = (
        CheckConstraint("request_count >= 0", name="request_count"),
        {"schema": "core"},
    )

    user_id = Column(Integer, primary_key=True)  # pk_daily_usage
    day = Column(Date, primary_key=True)
    request_count = Column(Integer, nullable=False, server_default="0")
