"""Outgoing e-mail over SMTP: settings from the app config, multipart messages, one
connection reused for a batch, and a failure per message instead of a traceback."""
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

# Seconds to wait for the server before a message counts as failed.
SMTP_TIMEOUT = 30
# Port 465 speaks TLS from the first byte ("implicit TLS"); others may upgrade with STARTTLS.
IMPLICIT_TLS_PORT = 465


class MailNotConfigured(RuntimeError):
    """MAIL_SERVER is empty: e-mail is switched off."""


class MailError(RuntimeError):
    """One message could not be sent; the text says why (the server's answer or the network error)."""


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    sender: str = "Jadebridge <noreply@localhost>"

    @classmethod
    def from_config(cls, config: Mapping) -> "MailSettings":
        """The MAIL_* settings of config.py; MailNotConfigured when MAIL_SERVER is not set."""
        server = (config.get("MAIL_SERVER") or "").strip()
        if not server:
            raise MailNotConfigured("MAIL_SERVER is not configured")
        return cls(
            server=server,
            port=int(config.get("MAIL_PORT") or 25),
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD") or None,
            use_tls=bool(config.get("MAIL_USE_TLS")),
            sender=config.get("MAIL_FROM") or cls.sender,
        )


def build_message(settings: MailSettings, to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
    """A message with a plain-text body and, when given, an HTML alternative."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2].strip("> ") or None)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


class Mailer:
    """Sends messages over one SMTP connection, opened on the first message.

    `with Mailer(settings) as mailer: mailer.send(message)`. A message that fails raises
    MailError and closes the connection, so the next message starts on a fresh one."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.port == IMPLICIT_TLS_PORT:
            smtp = smtplib.SMTP_SSL(
                settings.server, settings.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(settings.server, settings.port, timeout=SMTP_TIMEOUT)
        try:
            if settings.use_tls and settings.port != IMPLICIT_TLS_PORT:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, settings.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Send one message; a connection the server dropped since the last message (idle
        or used up) is opened again once."""
        for retry in (True, False):
            reused = self._smtp is not None
            try:
                if self._smtp is None:
                    self._smtp = self._connect()
                refused = self._smtp.send_message(message)
            except smtplib.SMTPServerDisconnected as error:
                self.close()
                if reused and retry:
                    continue
                raise MailError(describe(error)) from error
            except (smtplib.SMTPException, OSError) as error:
                self.close()
                raise MailError(describe(error)) from error
            if refused:
                raise MailError("; ".join(f"{address}: {describe_reply(*reply)}" for address, reply in refused.items()))
            return

    def close(self) -> None:
        if self._smtp is None:
            return
        smtp, self._smtp = self._smtp, None
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def describe_reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def describe(error: BaseException) -> str:
    """One line for the operator, never the password."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {describe_reply(*reply)}" for address, reply in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the server answered {describe_reply(error.smtp_code, error.smtp_error)}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"the server closed the connection ({error})" if str(error) else "the server closed the connection"
    if isinstance(error, OSError):
        return error.strerror or str(error) or type(error).__name__
    return str(error) or type(error).__name__
