// The one way this module loads @peculiar/x509: reflect-metadata first (its dependency tsyringe
// needs it at load time), and WebCrypto as the crypto provider.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
