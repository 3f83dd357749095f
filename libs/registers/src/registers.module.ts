import { Module } from '@nestjs/common';
import { PlacesModule } from '@integrity/places';
import { OutreachHttpController } from './outreach/outreach.http.controller';
import { RecordOutreachHandler } from './outreach/record-outreach.handler';
import { PromotionsHttpController } from './promotions/promotions.http.controller';
import { RecordPromotionHandler } from './promotions/record-promotion.handler';
import { RecordInRegister } from './record-in-register';
import { RegisterLookup } from './register-lookup';
import { RegisterSiteHandler } from './sites/register-site.handler';
import { SitePlacementHttpController } from './sites/site-placement.http.controller';
import { SitesHttpController } from './sites/sites.http.controller';

/** Platform sites, outreach activities and anti-corruption promotion activities. */
@Module({
  imports: [PlacesModule],
  controllers: [SitesHttpController, SitePlacementHttpController, OutreachHttpController, PromotionsHttpController],
  providers: [RegisterLookup, RecordInRegister, RegisterSiteHandler, RecordOutreachHandler, RecordPromotionHandler],
  exports: [RegisterLookup],
})
export class RegistersModule {}
