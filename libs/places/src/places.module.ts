import { Module } from '@nestjs/common';
import { PlaceShapes } from './place-shapes';
import { PlacesHttpController } from './places.http.controller';
import { VillageRegister } from './village-register';

/** Places: the official register of Taiwan's villages (村里), read once at start. */
@Module({
  controllers: [PlacesHttpController],
  providers: [{ provide: VillageRegister, useFactory: () => new VillageRegister() }, { provide: PlaceShapes, useFactory: () => new PlaceShapes() }],
  exports: [VillageRegister],
})
export class PlacesModule {}
