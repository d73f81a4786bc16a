// Preload for running MCP test clients (the conformance suite) against Warden, which requires a bearer token on
// every /mcp request while the suite's `server` command has no option to send one.
//
//   WARDEN_BEARER_TOKEN=<jwt> WARDEN_BEARER_ORIGIN=http://127.0.0.1:8080 \
//     node --import ./warden-bearer.mjs node_modules/@modelcontextprotocol/conformance/dist/index.js server --url ...
//
// It wraps the process-wide undici dispatcher, which both the built-in fetch and the undici package use, and adds
// `Authorization: Bearer <token>` to requests for WARDEN_BEARER_ORIGIN only (never to any other host), unless the
// request already carries an Authorization header. Nothing else about a request is changed.

const token = process.env.WARDEN_BEARER_TOKEN;
const origin = process.env.WARDEN_BEARER_ORIGIN;
if (!token || !origin) {
  throw new Error('warden-bearer.mjs needs WARDEN_BEARER_TOKEN and WARDEN_BEARER_ORIGIN');
}

const KEY = Symbol.for('undici.globalDispatcher.1');
// Touching fetch loads Node's bundled undici, which installs its default dispatcher under KEY.
await fetch('data:text/plain,warden').catch(() => {});
const inner = globalThis[KEY];
if (!inner || typeof inner.dispatch !== 'function') {
  throw new Error('warden-bearer.mjs: no global undici dispatcher to wrap');
}

function hasAuthorization(headers) {
  if (headers == null) return false;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += Array.isArray(headers[i]) ? 1 : 2) {
      const name = Array.isArray(headers[i]) ? headers[i][0] : headers[i];
      if (String(name).toLowerCase() === 'authorization') return true;
    }
    return false;
  }
  return Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
}

function withAuthorization(headers) {
  const value = `Bearer ${token}`;
  if (headers == null) return { authorization: value };
  if (Array.isArray(headers)) {
    return headers.length > 0 && Array.isArray(headers[0])
      ? [...headers, ['authorization', value]]
      : [...headers, 'authorization', value];
  }
  if (typeof headers[Symbol.iterator] === 'function' && typeof headers !== 'string') {
    return [...headers, ['authorization', value]];
  }
  return { ...headers, authorization: value };
}

const wrapper = Object.create(inner);
wrapper.dispatch = function dispatch(opts, handler) {
  const target = opts.origin instanceof URL ? opts.origin.origin : String(opts.origin ?? '');
  if (target.replace(/\/$/, '') === origin.replace(/\/$/, '') && !hasAuthorization(opts.headers)) {
    opts = { ...opts, headers: withAuthorization(opts.headers) };
  }
  return inner.dispatch(opts, handler);
};
globalThis[KEY] = wrapper;
