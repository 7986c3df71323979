import { API_PREFIX } from '@hyrkoll/contracts';
import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { ACCESS_KEY, RouteAccess } from './access.decorators';

export interface RouteEntry {
  method: string;
  /** Full path with parameters as `:name`, e.g. `/api/orders/:id/submit`. */
  path: string;
  access: RouteAccess | undefined;
  controller: string;
  handler: string;
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;
}

/**
 * The table of every API route with its access rule. Start-up fails if any route declares
 * none; the authorization tests are generated from this table.
 */
@Injectable()
export class RouteAccessRegistry implements OnApplicationBootstrap {
  private routes: RouteEntry[] | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = this.table().filter((r) => !r.access);
    if (undeclared.length > 0) {
      const list = undeclared.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ');
      throw new Error(`Routes without @Public, @LoggedIn, @RequirePermission or @OperatorOnly: ${list}`);
    }
  }

  table(): readonly RouteEntry[] {
    this.routes ??= this.collect();
    return this.routes;
  }

  private collect(): RouteEntry[] {
    const entries: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = this.reflector.get<string | string[]>(PATH_METADATA, metatype) ?? '';
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const path = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        const access =
          this.reflector.get<RouteAccess | undefined>(ACCESS_KEY, handler) ??
          this.reflector.get<RouteAccess | undefined>(ACCESS_KEY, metatype);
        for (const b of [base].flat()) {
          for (const p of [path].flat()) {
            entries.push({
              method: RequestMethod[method],
              path: joinPath(API_PREFIX, b, p),
              access,
              controller: metatype.name,
              handler: name,
            });
          }
        }
      }
    }
    return entries;
  }
}
