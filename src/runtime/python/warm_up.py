# Run in the worker right after the snapshot is restored: one small WSGI step
# through the harness, so the browser compiles the interpreter's parser,
# compiler and the harness's paths now (WebAssembly functions are compiled
# on their first call) rather than during the learner's first Run. The
# sandbox forgets the step's module afterwards, as after any run.
_waymark_run(
    '{"kind": "wsgi", "entry": "app:application", "requests": [{"path": "/"}],'
    ' "checks": [{"id": "ok", "name": "ok", "type": "status", "request": 0, "expect": 200}]}',
    '{"app.py": "def application(environ, start_response):\\n'
    '    start_response(\\"200 OK\\", [(\\"Content-Type\\", \\"text/plain\\")])\\n'
    '    return [b\\"ok\\"]\\n"}',
    "en",
)
