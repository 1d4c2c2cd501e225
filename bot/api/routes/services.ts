import type { PublicationUseCases } from '../../../shared/services/publication-service';
import type { UseCaseRunner } from '../../usecase/run-use-case';

/** What the /api/v1 routes need: the one use-case runner and the publication use cases bound to Graph. */
export interface ApiDeps {
  runner: UseCaseRunner;
  publications: PublicationUseCases;
}
