import { Query } from '@nestjs/cqrs';
import type { Actor } from '@integrity/identity';
import type { ReflectionView } from './reflection.view';

export class ReflectionQuery extends Query<ReflectionView> {
  constructor(
    readonly reflectionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
