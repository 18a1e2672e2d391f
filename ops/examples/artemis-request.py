#!/usr/bin/python3
"""One request/reply through integrator's embedded Artemis over AMQP 1.0, with Qpid Proton
(Debian: apt-get install python3-qpid-proton).

usage: ops/examples/artemis-request.py [host:port] [operation] [json parameters]
"""
import sys
import uuid

from proton import Message
from proton.utils import BlockingConnection

address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:61616"
operation = sys.argv[2] if len(sys.argv) > 2 else "github.repos.get"
params = sys.argv[3] if len(sys.argv) > 3 else '{"owner":"apache","repo":"camel"}'

connection = BlockingConnection(address, timeout=60)
try:
    # A temporary reply queue of our own; the broker names it.
    replies = connection.create_receiver(None, dynamic=True)
    sender = connection.create_sender("integrator." + operation)
    correlation = str(uuid.uuid4())
    sender.send(Message(body=params, reply_to=replies.remote_source.address, correlation_id=correlation))
    reply = replies.receive(timeout=60)
    replies.accept()
    assert reply.correlation_id == correlation, "reply for another request"
    print(reply.body)  # the envelope: {"ok": ..., "data" or "error": ..., "meta": ...}
finally:
    connection.close()
