import { Get, Injectable, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@integrity/domain';
import { CurrentActor, READING_ROLES, readsEveryUnit, Roles, type Actor } from '@integrity/identity';
import { RegisterLookup, type RegisterCategory } from './register-lookup';

/** Listing and reading a register: one unit's entries, or every unit's for the AAC. Subclasses add recording. */
@Injectable()
export abstract class RegisterHttpController {
  protected abstract readonly category: RegisterCategory;

  constructor(
    protected readonly commandBus: CommandBus,
    private readonly lookup: RegisterLookup,
  ) {}

  @Get()
  @Roles(...READING_ROLES)
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.lookup.list(this.category, readsEveryUnit(actor) ? null : actor.unitId) };
  }

  @Get(':id')
  @Roles(...READING_ROLES)
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    const entry = await this.lookup.entry(this.category, id, readsEveryUnit(actor) ? null : actor.unitId);
    if (!entry) throw notFound(`${this.category.toUpperCase()}_NOT_FOUND`, `No such ${this.category}`);
    return entry;
  }
}
