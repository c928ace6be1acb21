// Drives the real ccxt package against the Keyfolio simulator: only the API base URLs are changed.
// Usage: node fetch-balance.mjs '{"exchange":"okx","origin":"http://127.0.0.1:1234","apiKey":"…","secret":"…","password":"…","options":{},"hostname":null}'
import ccxt from 'ccxt';

const args = JSON.parse(process.argv[2]);
const exchange = new ccxt[args.exchange]({
  apiKey: args.apiKey,
  secret: args.secret,
  password: args.password,
  options: args.options ?? {},
  timeout: 20000,
  ...(args.hostname ? { hostname: args.hostname } : {}),
});

// Every entry of urls.api points at the simulator's origin, keeping each entry's path.
function rebase(api) {
  if (typeof api === 'string') {
    const url = new URL(api.replace('{hostname}', 'placeholder.invalid'));
    return args.origin + url.pathname.replace(/\/$/, '') + (api.endsWith('/') ? '/' : '');
  }
  return Object.fromEntries(Object.entries(api).map(([name, value]) => [name, rebase(value)]));
}
exchange.urls.api = rebase(exchange.urls.api);

// HTX signs the host it believes it calls, taken from urls.hostnames: point those at the simulator too.
function rehost(hostnames) {
  if (typeof hostnames === 'string') {
    return args.hostname;
  }
  return Object.fromEntries(Object.entries(hostnames).map(([name, value]) => [name, rehost(value)]));
}
if (args.hostname && exchange.urls.hostnames) {
  exchange.urls.hostnames = rehost(exchange.urls.hostnames);
}

try {
  const balance = await exchange.fetchBalance(args.params ?? {});
  process.stdout.write(JSON.stringify({ ok: true, total: balance.total, free: balance.free }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: `${error.constructor.name}: ${error.message}` }));
}
