#!/usr/bin/env python3
"""An SMTP server on 127.0.0.1 for Opsline's e-mail tests (Tests/TestSupport/SMTPSink.swift).

It takes one JSON argument:
  {"mode": "plain" | "starttls" | "tls",   # tls: TLS from the first byte (smtps)
   "cert": PATH, "key": PATH,              # for starttls and tls
   "require_starttls": bool,               # refuse commands before STARTTLS
   "offer_starttls": bool,                 # false: a relay without STARTTLS
   "auth": "user:password" | null,         # AUTH required, with these credentials
   "auth_mechanisms": ["PLAIN", "LOGIN"],  # the mechanisms offered
   "answers": ["451 4.3.0 Try again later", ...],  # answers to DATA, in turn; then 250
   "reject": ["nobody@example.com", ...]}  # recipients refused with 550

It prints {"port": N} once listening, then one JSON line per message: the envelope, the raw
bytes (base64), whether TLS was on, who logged in and what it answered. It stops when its
standard input closes.
"""
import asyncio
import base64
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

config = json.loads(sys.argv[1])
answers = list(config.get("answers") or [])
rejected = set(config.get("reject") or [])


def emit(record):
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in rejected:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        answer = answers.pop(0) if answers else "250 2.0.0 Ok: queued as SINK%d" % id(envelope)
        transport = server.transport
        emit({
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": base64.b64encode(envelope.original_content or b"").decode("ascii"),
            "tls": transport is not None and transport.get_extra_info("ssl_object") is not None,
            "user": session.auth_data.decode() if isinstance(session.auth_data, bytes) else None,
            "ehlo": session.host_name,
            "answer": answer,
        })
        return answer


def authenticator(server, session, envelope, mechanism, auth_data):
    expected = config.get("auth") or ""
    user, _, password = expected.partition(":")
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
          and auth_data.password == password.encode())
    return AuthResult(success=ok, auth_data=auth_data.login if ok else None)


async def main():
    loop = asyncio.get_running_loop()
    mode = config.get("mode", "plain")
    context = None
    if mode in ("starttls", "tls"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(config["cert"], config["key"])
    offered = set(m.upper() for m in (config.get("auth_mechanisms") or ["PLAIN", "LOGIN"]))
    excluded = [m for m in ("PLAIN", "LOGIN") if m not in offered]
    auth = config.get("auth")

    def protocol():
        return SMTP(
            Handler(),
            hostname="sink.test",
            tls_context=context if mode == "starttls" and config.get("offer_starttls", True) else None,
            require_starttls=bool(config.get("require_starttls")),
            authenticator=authenticator if auth else None,
            auth_required=bool(auth),
            auth_require_tls=mode != "tls",
            auth_exclude_mechanism=excluded,
            loop=loop,
        )

    server = await loop.create_server(protocol, host="127.0.0.1", port=0, ssl=context if mode == "tls" else None)
    emit({"port": server.sockets[0].getsockname()[1]})
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
