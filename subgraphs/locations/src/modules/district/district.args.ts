import { ArgsType, Field, ID } from 'type-graphql';
import { NAME_SEARCH } from '../location/location.args';
import { DistrictKind } from './district.entity';

/** The filters of the root `districts` list (`first`/`after` come as the shared `PageArgs`), printed in this order. */
@ArgsType()
export class DistrictsArgs {
  @Field(() => DistrictKind, { nullable: true })
  kind?: DistrictKind;

  @Field(() => ID, { nullable: true })
  parentId?: string;

  @Field(() => String, { nullable: true, description: 'Official key (AGS) of the district or of its city.' })
  municipalityKey?: string;

  @Field(() => String, { nullable: true, description: NAME_SEARCH })
  search?: string;
}

/** The filters of `municipalities`: the Kreis (required) and a name. */
@ArgsType()
export class MunicipalitiesArgs {
  @Field(() => String, { description: 'Official key of the Kreis or kreisfreie Stadt (5 digits), e.g. "05562".' })
  kreisKey!: string;

  @Field(() => String, { nullable: true, description: NAME_SEARCH })
  search?: string;
}
