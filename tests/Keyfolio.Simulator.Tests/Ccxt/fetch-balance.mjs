// Drives the real ccxt package against the Keyfolio simulator: only the API base URLs are changed.
// Usage: node fetch-balance.mjs '{"exchange":"okx","origin":"http://127.0.0.1:1234","apiKey":"…","secret":"…","password":"…","options":{},"hostname":null}'
// Optional: "call" (fetchBalance, the default; loadMarkets; fetchCurrencies; or an implicit API method) and "package" (ccxt, the default; or
// ccxt-bittrex, an older ccxt release that still ships Bittrex).
const args = JSON.parse(process.argv[2]);
const { default: ccxt } = await import(args.package ?? 'ccxt');
// ccxt 4.1 (ccxt-bittrex) always sends through an HTTPS agent; the simulator answers plain HTTP, so it gets an HTTP one.
const agent = args.package === 'ccxt-bittrex' && args.origin.startsWith('http:')
  ? { agent: new (await import('node:http')).Agent({ keepAlive: true }) }
  : {};
const exchange = new ccxt[args.exchange]({
  ...agent,
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
  const call = args.call ?? 'fetchBalance';
  if (call === 'loadMarkets') {
    const markets = await exchange.loadMarkets();
    const list = Object.values(markets);
    process.stdout.write(JSON.stringify({ ok: true, symbols: list.map((m) => m.symbol), types: [...new Set(list.map((m) => m.type))] }));
  } else if (call === 'fetchCurrencies') {
    const currencies = await exchange.fetchCurrencies();
    process.stdout.write(JSON.stringify({ ok: true, codes: Object.keys(currencies) }));
  } else if (call !== 'fetchBalance') {
    // One of ccxt's implicit API methods (privateGetFinanceSavingsBalance, …): the exchange's answer as ccxt parsed it.
    await exchange.loadMarkets();
    const response = await exchange[call](args.params ?? {});
    process.stdout.write(JSON.stringify({ ok: true, response }));
  } else {
    const balance = await exchange.fetchBalance(args.params ?? {});
    process.stdout.write(JSON.stringify({ ok: true, total: balance.total, free: balance.free }));
  }
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: `${error.constructor.name}: ${error.message}` }));
}
