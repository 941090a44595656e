/**
 * The DTLS certificate for the media workers. mediasoup 3.8.4's worker signs the certificate it
 * makes for itself with SHA-1; to stay clear of browsers that refuse that, we hand it an ECDSA
 * P-256 certificate signed with SHA-256: the configured one, or one generated once per process
 * with openssl (removed at exit). Without openssl, the worker's own certificate is used.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from './logger.js';

export interface DtlsFiles {
  dtlsCertificateFile: string;
  dtlsPrivateKeyFile: string;
}

const run = promisify(execFile);
let generated: Promise<DtlsFiles | undefined> | null = null;

async function generate(logger: Logger): Promise<DtlsFiles | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'conf-kit-dtls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const files: DtlsFiles = {
    dtlsCertificateFile: path.join(dir, 'cert.pem'),
    dtlsPrivateKeyFile: path.join(dir, 'key.pem'),
  };
  try {
    await run(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-sha256', '-nodes',
        '-days', '30', '-subj', '/CN=conf-kit',
        '-keyout', files.dtlsPrivateKeyFile, '-out', files.dtlsCertificateFile,
      ],
      { timeout: 15_000 },
    );
    logger.debug({ dir }, 'generated a DTLS certificate (ECDSA P-256, SHA-256)');
    return files;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    logger.warn({ err: error }, "could not generate a DTLS certificate with openssl; using the worker's own (SHA-1 signed)");
    return undefined;
  }
}

/** The configured certificate, else a generated one (once per process), else undefined. */
export function dtlsFiles(
  configured: Partial<DtlsFiles>,
  logger: Logger,
): Promise<DtlsFiles | undefined> {
  if (configured.dtlsCertificateFile && configured.dtlsPrivateKeyFile) {
    return Promise.resolve({
      dtlsCertificateFile: configured.dtlsCertificateFile,
      dtlsPrivateKeyFile: configured.dtlsPrivateKeyFile,
    });
  }
  generated ??= generate(logger);
  return generated;
}
