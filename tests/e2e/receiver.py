#!/usr/bin/python3
"""An XMPP receiver for the softstart end-to-end tests, independent of libpurple.

Logs in every given user on a loopback prosody and prints one JSON line per
event on stdout, flushed at once, so the test sees exactly what arrived and in
what order:

  {"event": "online", "user": "p01"}
  {"event": "ready"}                          (all users online)
  {"event": "message", "user": "p01", "from": "me@localhost/e2e",
   "body": "...", "html": "..."}             (html only when XHTML-IM came)

Usage: receiver.py PORT PASSWORD USER [USER...]   (domain "localhost")

Needs Debian's /usr/bin/python3 with python3-slixmpp; exits 2 without it.
"""

import asyncio
import json
import sys
from xml.etree import ElementTree

try:
    import slixmpp
except ImportError as error:  # The test must fail, not skip: say why.
    print(json.dumps({"event": "error", "error": "slixmpp missing: %s" % error}),
          flush=True)
    sys.exit(2)

DOMAIN = "localhost"
LOOPBACK = "127.0.0.1"
XHTML_IM_NS = "http://jabber.org/protocol/xhtml-im"


def emit(record):
    print(json.dumps(record), flush=True)


class Receiver(slixmpp.ClientXMPP):
    def __init__(self, user, password, port, on_online):
        super().__init__("%s@%s/receiver" % (user, DOMAIN), password)
        self.user = user
        self.port = port
        self.on_online = on_online
        # Never let slixmpp ask a resolver (no traffic beyond loopback).
        self.use_aiodns = False
        self.use_ipv6 = False
        self.auto_authorize = True
        self.auto_subscribe = True
        self.add_event_handler("session_start", self.session_start)
        self.add_event_handler("message", self.message)
        self.add_event_handler("failed_auth", self.failed)
        self.add_event_handler("connection_failed", self.failed)

    async def get_dns_records(self, domain, port=None):
        # slixmpp 1.8 resolves even when given an address: answer ourselves.
        return [(DOMAIN, LOOPBACK, self.port)]

    async def session_start(self, _event):
        self.send_presence()
        await self.get_roster()
        emit({"event": "online", "user": self.user})
        self.on_online(self.user)

    def message(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"]:
            return
        record = {"event": "message", "user": self.user,
                  "from": str(msg["from"]), "body": msg["body"]}
        try:  # The raw XHTML-IM part; never let it cost us the body.
            html = msg.xml.find("{%s}html" % XHTML_IM_NS)
            if html is not None:
                record["html"] = ElementTree.tostring(html, encoding="unicode")
        except Exception as error:  # pylint: disable=broad-except
            record["html_error"] = str(error)
        emit(record)

    def failed(self, reason=None):
        emit({"event": "error", "user": self.user, "error": str(reason)})


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    port, password, users = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    pending = set(users)

    def on_online(user):
        pending.discard(user)
        if not pending:
            emit({"event": "ready"})

    clients = []
    for user in users:
        client = Receiver(user, password, port, on_online)
        client.connect((LOOPBACK, port), use_ssl=False, force_starttls=False,
                       disable_starttls=True)
        clients.append(client)
    loop.run_forever()


if __name__ == "__main__":
    main()
