import type { MikroORM } from '@mikro-orm/postgresql';
import { tallySqlStatement } from '@jobcenter-hub/service';

/** Hooks the ORM's query builder so each statement it sends is added to the current request's tally. */
export function attachSqlCounter(orm: MikroORM): void {
  orm.em.getConnection().getKnex().on('query', tallySqlStatement);
}
