# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side reading and validation of the portal and public form fields.

Each reader takes the posted values and an `errors` dict, returns the clean
value and records a message under the field's name when the value is wrong;
nothing is written while `errors` is not empty."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tools import single_email_re

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,22}$")
# Longest requested date accepted, counted from today.
MAX_REQUESTED_DAYS = 365


def read_text(env, post, name, errors, label, required=False, max_length=128, multiline=False):
    value = (post.get(name) or "").strip()
    if not multiline:
        value = " ".join(value.split())
    if required and not value:
        errors[name] = env._("%s is required.", label)
    elif len(value) > max_length:
        errors[name] = env._("%(label)s is too long (%(max)s characters at most).", label=label, max=max_length)
    elif value and not multiline and any(ord(char) < 32 for char in value):
        errors[name] = env._("%s contains invalid characters.", label)
    return value


def read_email(env, post, name, errors, label, required=True):
    value = read_text(env, post, name, errors, label, required=required, max_length=254).lower()
    if value and name not in errors and not single_email_re.match(value):
        errors[name] = env._("%s is not a valid e-mail address.", label)
    return value


def read_phone(env, post, name, errors, label, required=False):
    value = read_text(env, post, name, errors, label, required=required, max_length=32)
    if value and name not in errors and not PHONE_RE.match(value):
        errors[name] = env._("%s is not a valid phone number.", label)
    return value


def read_choice(env, post, name, errors, label, choices, required=True):
    value = post.get(name) or ""
    if not value and not required:
        return False
    if value not in choices:
        errors[name] = env._("Choose a valid value for %s.", label)
        return False
    return value


def read_date(env, post, name, errors, label, required=False):
    """A date between today and MAX_REQUESTED_DAYS from today."""
    value = (post.get(name) or "").strip()
    if not value:
        if required:
            errors[name] = env._("%s is required.", label)
        return False
    try:
        date = fields.Date.to_date(value)
    except ValueError:
        date = False
    if not date:
        errors[name] = env._("%s is not a valid date.", label)
        return False
    today = fields.Date.context_today(env.user)
    if date < today:
        errors[name] = env._("%s cannot be in the past.", label)
    elif date > today + timedelta(days=MAX_REQUESTED_DAYS):
        errors[name] = env._("%s must be within a year.", label)
    return date


def read_ids(post, name):
    """Integer ids posted under `name` (several inputs of the same name); others are ignored."""
    values = post.getlist(name) if hasattr(post, "getlist") else [post.get(name)]
    return list(dict.fromkeys(int(value) for value in values if value and str(value).isdigit()))


def read_address(env, post, errors, prefix=""):
    """Premises values of an address typed in a form (fields `<prefix>street`...)."""
    labels = {
        "street": env._("Street"),
        "house_number": env._("House number"),
        "building": env._("Building"),
        "flat": env._("Flat / unit"),
        "zip": env._("Postcode"),
        "city": env._("City"),
    }
    required = ("street", "house_number", "city")
    values = {
        key: read_text(env, post, prefix + key, errors, label, required=key in required, max_length=64)
        for key, label in labels.items()
    }
    country_id = post.get(prefix + "country_id") or ""
    country = env["res.country"].sudo().browse(int(country_id) if country_id.isdigit() else []).exists()
    if not country:
        errors[prefix + "country_id"] = env._("Choose a country.")
    values["country_id"] = country.id
    return values


def read_parameters(env, definitions, post, errors, current=None, prefix="param_"):
    """Parameter values chosen in a form along the product's `definitions` (editable
    types only), merged over the `current` values."""
    values = dict(current or {})
    for definition in definitions:
        name, kind = definition["name"], definition.get("type")
        field = prefix + name
        label = definition.get("string") or name
        raw = (post.get(field) or "").strip()
        if kind == "boolean":
            values[name] = bool(raw)
            continue
        if not raw:
            values[name] = False
            continue
        if kind == "integer":
            try:
                values[name] = int(raw)
            except ValueError:
                errors[field] = env._("%s must be a whole number.", label)
        elif kind == "float":
            try:
                values[name] = float(raw.replace(",", "."))
            except ValueError:
                errors[field] = env._("%s must be a number.", label)
        elif kind == "selection":
            if raw not in {option[0] for option in definition.get("selection") or []}:
                errors[field] = env._("Choose a valid value for %s.", label)
            else:
                values[name] = raw
        elif kind == "date":
            try:
                values[name] = fields.Date.to_string(fields.Date.to_date(raw))
            except ValueError:
                errors[field] = env._("%s is not a valid date.", label)
        else:
            value = read_text(env, post, field, errors, label, max_length=128)
            values[name] = value
    return values
