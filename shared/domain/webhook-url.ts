/**
 * Which webhook URLs an institution may register (pure: no DNS here; the sender checks
 * resolved addresses again before each POST in AWS mode).
 * - https only; in local mode http is allowed to loopback (a receiver on the same machine)
 * - in AWS mode never a private, loopback, link-local or unspecified address
 * - at most 2,000 characters
 */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

export type WebhookMode = 'local' | 'aws';

export interface UrlProblem {
  zh: string;
  en: string;
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** True for an address no public webhook may point at (RFC 1918, loopback, link-local, CGNAT, ULA…). */
export function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = ipv4(h.startsWith('::ffff:') ? h.slice(7) : h);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (h.includes(':')) {
    return h === '::' || h === '::1' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:');
  }
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local');
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || ipv4(h)?.[0] === 127;
}

/** Null when the URL may be registered, else why not (bilingual). */
export function webhookUrlProblem(raw: string, mode: WebhookMode): UrlProblem | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return {
      zh: `回调地址不得超过 ${MAX_WEBHOOK_URL_LENGTH} 个字符`,
      en: `the webhook URL may be at most ${MAX_WEBHOOK_URL_LENGTH} characters`,
    };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { zh: '回调地址格式不正确', en: 'the webhook URL is not a valid URL' };
  }
  if (url.username || url.password) {
    return { zh: '回调地址不得包含用户名或密码', en: 'the webhook URL may not carry credentials' };
  }
  const loopbackHttp = mode === 'local' && url.protocol === 'http:' && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    return {
      zh: mode === 'local' ? '回调地址须为 https（本地模式下可用回环地址的 http）' : '回调地址须为 https',
      en:
        mode === 'local'
          ? 'the webhook URL must be https (or http on loopback in local mode)'
          : 'the webhook URL must be https',
    };
  }
  if (mode === 'aws' && isPrivateAddress(url.hostname)) {
    return {
      zh: '回调地址不得指向内网或本机地址',
      en: 'the webhook URL may not point at a private or loopback address',
    };
  }
  return null;
}
