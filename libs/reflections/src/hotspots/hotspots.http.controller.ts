import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CLOCK, HOTSPOT_EVENT_VERSIONS, HOTSPOT_NOTE_MAX_LENGTH, hotspotDecider, notFound, taipeiDateOf, upcastHotspotEvent, type Clock, type HotspotEvent } from '@integrity/domain';
import { CommandHandling, streamIdOf, versionedCodec } from '@integrity/event-store';
import { commandContextOf, Context, CurrentActor, READING_ROLES, readsEveryUnit, Roles, UnitRegister, unitScope, type Actor, type RequestContext } from '@integrity/identity';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels, type Filter, type HotspotDocument } from '@integrity/read-models';
import { commandResult, type CommandResult } from '../command-result';

const HOTSPOT_CODEC = versionedCodec<HotspotEvent>(HOTSPOT_EVENT_VERSIONS, upcastHotspotEvent);

export class HotspotsRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 6, description: 'Hotspots with a reflection received in the last N months' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "The AAC: one unit's hotspots, as that unit sees them" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only those reviewed (已研析), or only those not' })
  @IsOptional()
  @IsIn(['true', 'false'])
  reviewed?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReviewHotspotRequestDto {
  @ApiProperty({ example: '已請相關機關說明疏濬進度，列入下期專案稽核', maxLength: HOTSPOT_NOTE_MAX_LENGTH })
  @IsString()
  @MaxLength(HOTSPOT_NOTE_MAX_LENGTH)
  note!: string;
}

/** One hotspot as its reader may see it: which units, where, when, about what; never who raised it. */
export interface HotspotView {
  id: string;
  county: string;
  township: string;
  /** County and township: the town the matter is in. */
  town: string;
  villages: string[];
  units: { unitId: string; unitName: string | null; reflections: number }[];
  /** For a unit: how many other units received reflections on the matter. */
  otherUnits: number;
  reflectionIds: string[];
  reflections: { id: string; caseNo: string | null; unitId: string; unitName: string | null; village: string | null; receivedOn: string; category: string | null; status: string | null }[];
  /** Its most used words: what it is about, in one line. */
  terms: string[];
  categories: string[];
  themes: string[];
  firstOn: string;
  latestOn: string;
  reviewed: boolean;
  review: { note: string; reviewedAt: string; newSince: number } | null;
}

/** A matter is a hotspot for the AAC when it was raised three times or with two units; for a unit, twice with it. */
const AAC_HOTSPOT: Filter = { $or: [{ size: { $gte: 3 } }, { unitCount: { $gte: 2 } }] };

/**
 * Hotspots (熱點): the matters raised again and again, for the AAC across every unit and for a unit among its own
 * cases; the AAC marks one 已研析 with a note.
 */
@ApiTags('hotspots')
@ApiBearerAuth()
@Controller('hotspots')
export class HotspotsHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'Hotspots of the last N months, latest first: every unit’s for the AAC (or one unit’s with unitId), a unit’s own otherwise' })
  @ApiRefusals(400, 401, 403)
  @Get()
  @Roles(...READING_ROLES)
  async list(@Query() query: HotspotsRequestDto, @CurrentActor() actor: Actor): Promise<{ items: HotspotView[] }> {
    const scope = unitScope(actor, query.unitId);
    const today = taipeiDateOf(this.clock.now());
    const since = new Date(Date.parse(today) - (query.months ?? 6) * 30.4375 * 86_400_000).toISOString().slice(0, 10);
    const reviewed = query.reviewed === undefined ? {} : { 'reviews.0': { $exists: query.reviewed === 'true' } };
    const whose = scope.unitId ? { [`byUnit.${scope.unitId}`]: { $gte: 2 } } : AAC_HOTSPOT;
    const set = await this.readModels.current();
    const found = await set.hotspots.find({ latestOn: { $gte: since }, ...whose, ...reviewed }, { sort: { latestOn: -1, _id: 1 }, limit: query.limit ?? 50, exclude: ['wordCounts'] });
    return { items: await this.views(found, scope.unitId ?? null) };
  }

  @ApiOperation({ summary: 'One hotspot with its reflections (case numbers, units, villages, dates; no personal data)' })
  @ApiRefusals(400, 401, 403, 404)
  @Get(':id')
  @Roles(...READING_ROLES)
  async one(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor): Promise<HotspotView> {
    const hotspot = await this.find(id);
    const unitId = readsEveryUnit(actor) ? null : actor.unitId;
    if (!hotspot || (unitId !== null && (hotspot.byUnit[unitId] ?? 0) < 2)) throw notFound('HOTSPOT_NOT_FOUND', 'No such hotspot');
    const [view] = await this.views([hotspot], unitId);
    return view;
  }

  @ApiOperation({ summary: 'Mark a hotspot 已研析 with a note (the AAC): the reflections it holds now are named; one joining later shows as new' })
  @ApiRefusals(400, 401, 403, 404, 409)
  @Post(':id/review')
  @HttpCode(200)
  @Roles('aac_auditor')
  async review(@Param('id', UUID_PARAM) id: string, @Body() body: ReviewHotspotRequestDto, @Context() context: RequestContext): Promise<CommandResult> {
    const hotspot = await this.find(id);
    if (!hotspot) throw notFound('HOTSPOT_NOT_FOUND', 'No such hotspot');
    const command = { type: 'ReviewHotspot' as const, hotspotId: hotspot._id, reflectionIds: hotspot.reflectionIds, note: body.note };
    const outcome = await this.commands.handle(streamIdOf('hotspot', hotspot._id), hotspotDecider, HOTSPOT_CODEC, command, commandContextOf(context, this.clock.now()));
    return commandResult(hotspot._id, outcome);
  }

  /** A hotspot by its name, or by the name of one merged into it. */
  private async find(id: string): Promise<HotspotDocument | null> {
    const set = await this.readModels.current();
    return (await set.hotspots.findOne({ _id: id })) ?? (await set.hotspots.findOne({ aliases: id }));
  }

  private async views(hotspots: HotspotDocument[], unitId: string | null): Promise<HotspotView[]> {
    const set = await this.readModels.current();
    const names = new Map((await this.units.ethicsUnits()).map((unit) => [unit._id, unit.name]));
    const shown = (h: HotspotDocument) => h.reflections.filter((r) => unitId === null || r.unitId === unitId);
    const ids = hotspots.flatMap((h) => shown(h).map((r) => r.id));
    const cases = new Map((await set.reflections.find({ _id: { $in: ids } }, { exclude: ['summary', 'reporterSealed', 'obligations', 'handlingOpinions'] })).map((doc) => [doc._id, doc]));
    return hotspots.map((h) => {
      const reflections = shown(h);
      const latest = h.reviews[h.reviews.length - 1] ?? null;
      const unitIds = unitId === null ? h.units : [unitId];
      return {
        id: h._id,
        county: h.county,
        township: h.township,
        town: `${h.county}${h.township}`,
        villages: [...new Set(reflections.map((r) => r.village).filter((v): v is string => v !== null))].sort(),
        units: unitIds.map((id) => ({ unitId: id, unitName: names.get(id) ?? null, reflections: h.byUnit[id] ?? 0 })),
        otherUnits: unitId === null ? 0 : h.unitCount - 1,
        reflectionIds: reflections.map((r) => r.id),
        reflections: reflections.map((r) => {
          const doc = cases.get(r.id);
          return { ...r, caseNo: doc?.caseNo ?? null, unitName: names.get(r.unitId) ?? null, category: doc?.category ?? null, status: doc?.status ?? null };
        }),
        terms: h.words,
        categories: h.categories,
        themes: h.themes,
        firstOn: reflections[0]?.receivedOn ?? h.firstOn,
        latestOn: reflections[reflections.length - 1]?.receivedOn ?? h.latestOn,
        reviewed: latest !== null,
        review: latest && { note: latest.note, reviewedAt: latest.reviewedAt, newSince: h.reflectionIds.filter((id) => !latest.reflectionIds.includes(id)).length },
      };
    });
  }
}
