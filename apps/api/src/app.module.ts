import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { FollowUpModule } from '@integrity/follow-up';
import { IdentityModule } from '@integrity/identity';
import { SOLE_WRITER } from '@integrity/lease';
import { AuditModule } from '@integrity/audit';
import { PlansModule } from '@integrity/plans';
import { PlatformModule, type PlatformOptions } from '@integrity/platform';
import { ReflectionsModule } from '@integrity/reflections';
import { PlacesModule } from '@integrity/places';
import { RegistersModule } from '@integrity/registers';
import { ReportsModule } from '@integrity/reports';
import { WorkerModule } from '../../worker/src/worker.module';
import { ErrorResponseFilter } from './http/error-response.filter';
import { ExpiredRecordsSweep } from './http/expired-records-sweep';
import { GracefulStop } from './http/graceful-stop';
import { HealthHttpController } from './http/health.http.controller';
import { ProjectionLagProbe } from './http/projection-lag';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { StoreDamageInterceptor } from './http/store-damage.interceptor';
import { requestValidationPipe } from './http/request-validation.pipe';

/** Wires the HTTP API; the modules decide nothing. */
@Module({})
export class AppModule {
  /** `withWorker`: embedded mode, API and worker in one process (`npm start`). */
  static forRoot(options: PlatformOptions = {}, withWorker = false): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), PlatformModule.forRoot({ ...options, role: withWorker ? 'all' : 'api' }), IdentityModule, AuditModule, PlacesModule, PlansModule, RegistersModule, ReflectionsModule, FollowUpModule, ReportsModule, ...(withWorker ? [WorkerModule.forRoot(SOLE_WRITER)] : [])],
      controllers: [HealthHttpController],
      providers: [
        ProjectionLagProbe,
        ExpiredRecordsSweep,
        GracefulStop,
        { provide: APP_PIPE, useFactory: requestValidationPipe },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        { provide: APP_INTERCEPTOR, useClass: StoreDamageInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
