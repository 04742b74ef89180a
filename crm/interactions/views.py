"""Logging contacts with a company: calls, e-mails, WeChat, visits, fair meetings."""
from flask import Blueprint

bp = Blueprint("interactions", __name__)
