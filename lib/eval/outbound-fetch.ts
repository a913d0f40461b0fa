// Requests to endpoints. Unless the operator allows private endpoints, the address a host name
// resolves to is checked when the connection is made (not only the name as written), so a name
// that resolves to 127.0.0.1, 10.x or 169.254.169.254 is refused even if it changed since saving.
import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import { Agent, fetch, type RequestInit, type Response } from "undici";
import { isPrivateAddress, isPrivateHostName } from "@/lib/network/private-address";

export const PRIVATE_ADDRESS_CODE = "EMLAB_PRIVATE_ADDRESS";

export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  constructor(hostname: string, address: string) {
    super(
      `${hostname} ${hostname === address ? "is" : `resolves to ${address}, which is`} on this machine or a private network; ` +
        `set EMLAB_ALLOW_PRIVATE_ENDPOINTS=1 in the workers' environment to allow that`,
    );
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new PrivateAddressError(hostname, bad.address), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

const agents = {
  publicOnly: new Agent({ connect: { lookup: publicLookup } }),
  any: new Agent(),
};

/**
 * fetch() for endpoint requests: no redirects (a 3xx is answered as is), and private addresses
 * refused unless `allowPrivate`.
 */
export async function outboundFetch(url: URL, init: RequestInit, allowPrivate: boolean): Promise<Response> {
  if (!allowPrivate && isPrivateHostName(url.hostname)) throw new PrivateAddressError(url.hostname, url.hostname.replace(/^\[|\]$/g, ""));
  return fetch(url, { ...init, redirect: "manual", dispatcher: allowPrivate ? agents.any : agents.publicOnly });
}

/** The body as text, refused past `maxBytes` (a misbehaving endpoint cannot fill the worker's memory). */
export async function boundedText(response: Response, maxBytes: number): Promise<string | null> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) return null; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
