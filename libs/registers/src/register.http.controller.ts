import { Get, Injectable, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@integrity/domain';
import { CurrentActor, READING_ROLES, readsEveryUnit, Roles, type Actor } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels, type ReadModelCollection, type ReadModelSet } from '@integrity/read-models';
import type { RegisterCategory } from './register-lookup';

type RegisterDocument = { _id: string; _position: string; unitId: string };

const COLLECTION: Record<RegisterCategory, (set: ReadModelSet) => ReadModelCollection<RegisterDocument>> = {
  site: (set) => set.sites as unknown as ReadModelCollection<RegisterDocument>,
  outreach: (set) => set.outreach as unknown as ReadModelCollection<RegisterDocument>,
  promotion: (set) => set.promotions as unknown as ReadModelCollection<RegisterDocument>,
};

const answer = ({ _id, _position, ...entry }: RegisterDocument) => ({ id: _id, ...entry });

/** Listing and reading a register from its read model: one unit's entries, or every unit's for the AAC. Subclasses add recording. */
@Injectable()
export abstract class RegisterHttpController {
  protected abstract readonly category: RegisterCategory;

  constructor(
    protected readonly commandBus: CommandBus,
    private readonly readModels: ActiveReadModels,
  ) {}

  private async collection() {
    return COLLECTION[this.category](await this.readModels.current());
  }

  @ApiOperation({ summary: "List this register's entries" })
  @Get()
  @Roles(...READING_ROLES)
  async list(@Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    const entries = await (await this.collection()).find(readsEveryUnit(actor) ? {} : { unitId: actor.unitId }, { sort: { _position: 1 } });
    return { items: entries.map(answer) };
  }

  @ApiOperation({ summary: "Read one of this register's entries" })
  @ApiRefusals(404, 409)
  @Get(':id')
  @Roles(...READING_ROLES)
  async get(@Param('id', UUID_PARAM) id: string, @Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    const entry = await (await this.collection()).findOne({ _id: id });
    if (!entry || (!readsEveryUnit(actor) && entry.unitId !== actor.unitId)) throw notFound(`${this.category.toUpperCase()}_NOT_FOUND`, `No such ${this.category}`);
    return answer(entry);
  }
}
