import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Headers a browser needs to hold the line: a strict Content-Security-Policy for the web application (scripts
 * only from this origin, no inline script, never framed), nosniff, no referrer, and HSTS where TLS is in front.
 * The API's answers are never stored by a cache: they carry personal data.
 */
export function securityHeaders({ hsts }: { hsts: boolean }): RequestHandler[] {
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    frameguard: { action: 'deny' as const },
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
  const application = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // The OpenAPI page (Swagger UI) runs inline scripts of its own: the same headers, without the CSP.
  const docs = helmet({ ...common, contentSecurityPolicy: false });
  const noStore = (request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/api/')) response.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [(request: Request, response: Response, next: NextFunction) => (request.path.startsWith('/api/docs') ? docs : application)(request, response, next), noStore];
}
