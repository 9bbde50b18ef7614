import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { verifyPassword } from '../auth/passwords.js';
import { throttledAddress } from '../auth/sign-in-throttle.js';
import { recordAudit } from '../audit/audit.service.js';
import { Club } from '../clubs/club.entity.js';
import { type Context, viewerOf } from '../graphql/context.js';
import { badRequest, tooManyRequests, unauthenticated } from '../graphql/errors.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Role } from './role.js';
import { ChangePasswordArgs, CreateUserInput, SetUserDisabledArgs, SignInArgs, UsersArgs } from './user.inputs.js';
import { User } from './user.entity.js';
import { changeOwnPassword, createTenantUser, findCredential, findUserById, listUsers, normalizeLogin, setUserDisabled } from './user.service.js';

export const UserConnection = connectionOf(User, 'User', 'account');

/** Requests that signed in: the throttle's rows stay locked until the request ends, so one sign-in each. */
const signedInRequests = new WeakSet<Context>();

@ObjectType({ description: 'A signed-in session.' })
export class SignInPayload {
  @Field(() => String, { description: 'Bearer token for the Authorization header.' })
  token: string;

  @Field(() => DateTimeScalar, { description: 'When the token stops working.' })
  expiresAt: Date;

  @Field(() => User, { description: 'The signed-in account.' })
  user: User;
}

const SIGN_IN_REFUSED = 'The login or password is not correct.';

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: 'The signed-in account.' })
  async me(@Ctx() context: Context): Promise<User> {
    const user = await findUserById(await context.db(), viewerOf(context).userId);
    if (!user) throw unauthenticated();
    return user;
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER])
  @Query(() => UserConnection, {
    description: "Accounts: a province admin sees its province's accounts, the national office sees all.",
    complexity: connectionComplexity,
  })
  async users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() context: Context) {
    return UserConnection.from(await listUsers(await context.db(), args));
  }

  @Mutation(() => SignInPayload, {
    description: 'Signs in. A wrong password and an unknown login get the same answer; repeated failures are throttled.',
  })
  async signIn(@Args(() => SignInArgs) { login, password }: SignInArgs, @Ctx() context: Context): Promise<SignInPayload> {
    const { signInThrottle, tokens } = context.services;
    if (signedInRequests.has(context)) throw badRequest('Sign in once per request.');
    signedInRequests.add(context);
    const throttleKey = normalizeLogin(login);
    const address = throttledAddress(context.clientAddress);
    // The place is taken before the password is checked: a burst of attempts gets no more checks than the limits allow.
    const wait = await signInThrottle.takeAttempt(throttleKey, address);
    if (wait > 0) {
      context.log.info({ login: throttleKey, retryAfterSeconds: wait }, 'sign-in throttled');
      throw tooManyRequests(wait);
    }

    const db = await context.db();
    const credential = await findCredential(db, login);
    const passwordMatches = await verifyPassword(credential?.passwordHash, password);
    if (!credential || !passwordMatches || credential.disabled || !credential.tenantActive) {
      context.log.info({ login: throttleKey, reason: !credential ? 'unknown' : !passwordMatches ? 'password' : 'disabled' }, 'sign-in refused');
      throw unauthenticated(SIGN_IN_REFUSED);
    }
    await signInThrottle.recordSuccess(db, throttleKey, address);

    const viewer = {
      userId: credential.userId,
      role: credential.role,
      tenantId: credential.tenantId,
      clubId: credential.clubId,
      tokenVersion: credential.tokenVersion,
    };
    const { token, expiresAt } = await tokens.issue(viewer);
    // The rest of this request (the payload's fields) runs as the account that just signed in.
    context.viewer = viewer;
    context.authFailure = null;
    await context.scope.become(context.viewer);
    const user = await findUserById(db, credential.userId);
    if (!user) throw unauthenticated(SIGN_IN_REFUSED);
    await recordAudit(db, context.requestId, { action: 'user.sign-in', entityType: 'user', entityId: user.id });
    return Object.assign(new SignInPayload(), { token, expiresAt, user });
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes the signed-in account\'s password. Tokens issued before stop working.' })
  async changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() context: Context): Promise<User> {
    return changeOwnPassword(await context.db(), context.requestId, viewerOf(context), args);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => User, { description: 'Adds an account to the province: another province admin, or staff of one club.' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() context: Context): Promise<User> {
    return createTenantUser(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => User, { description: 'Disables or re-enables an account of the province. A disabled account cannot sign in.' })
  async setUserDisabled(@Args(() => SetUserDisabledArgs) args: SetUserDisabledArgs, @Ctx() context: Context): Promise<User> {
    return setUserDisabled(await context.db(), context.requestId, viewerOf(context), args);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The province of the account; none for national accounts.' })
  async tenant(@Root() user: User, @Ctx() context: Context): Promise<Tenant | null> {
    return user.tenantId ? context.loaders.tenantById.load(user.tenantId) : null;
  }

  @FieldResolver(() => Club, { nullable: true, description: 'The club of a club staff account.' })
  async club(@Root() user: User, @Ctx() context: Context): Promise<Club | null> {
    return user.clubId ? context.loaders.clubById.load(user.clubId) : null;
  }
}
