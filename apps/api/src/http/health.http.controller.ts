import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { Public } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Public()
  @Get()
  async health() {
    const headPosition = await this.eventStore.headPosition();
    return {
      status: 'ok',
      eventStore: this.settings.eventStoreConnectionString ? 'eventstoredb' : 'sqlite',
      readModels: this.settings.mongodbUri ? 'mongodb' : 'embedded',
      headPosition: headPosition?.toString() ?? null,
    };
  }
}
