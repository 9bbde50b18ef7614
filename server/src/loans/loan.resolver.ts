import { IsOptional, IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { Member } from '../members/member.types.js';
import {
  DisburseLoanInput,
  LoanDecisionInput,
  LoansArgs,
  RecordRepaymentInput,
  RequestLoanInput,
  RescheduleLoanInput,
  ReverseRepaymentInput,
} from './loan.inputs.js';
import {
  approveLoan,
  disburseLoan,
  eventsOf,
  listLoans,
  portfolioOf,
  recordRepayment,
  rejectLoan,
  repaymentsOf,
  requestLoan,
  rescheduleLoan,
  reverseRepayment,
  scheduleOf,
  standingsOf,
  writeOffLoan,
} from './loan.service.js';
import { Loan, LoanEvent, LoanInstalment, LoanPortfolio, LoanStanding, Repayment } from './loan.types.js';

export const LoanConnection = connectionOf(Loan, 'Loan', 'loan');

@ArgsType()
class LoanArgs {
  @Field(() => ID, { description: 'The loan.' })
  @IsUUID('all', { message: 'is not a loan identifier' })
  id: string;
}

@ArgsType()
class AsOfArgs {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day; today if not given.' })
  @IsOptional()
  asOf?: string | null;
}

@ArgsType()
class PortfolioArgs extends AsOfArgs {
  @Field(() => ID, { nullable: true, description: 'The club; club staff default to their own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;
}

@Resolver(() => Loan)
export class LoanResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => LoanConnection, { description: 'A club’s loans: those past due first, longest overdue at the top.', complexity: connectionComplexity })
  async loans(@Args(() => LoansArgs) args: LoansArgs, @Ctx() context: Context) {
    return LoanConnection.from(await listLoans(await context.db(), clubOf(context, args.clubId), args));
  }

  @Authorized(CLUB_ROLES)
  @Query(() => Loan, { nullable: true, description: 'One loan, if visible to you.' })
  async loan(@Args(() => LoanArgs) { id }: LoanArgs, @Ctx() context: Context): Promise<Loan | null> {
    return context.loaders.loanById.load(id);
  }

  @Authorized(CLUB_ROLES)
  @Query(() => LoanPortfolio, { description: 'A club’s loan portfolio on a day: outstanding principal and PAR30.' })
  async loanPortfolio(@Args(() => PortfolioArgs) args: PortfolioArgs, @Ctx() context: Context): Promise<LoanPortfolio> {
    return portfolioOf(await context.db(), clubOf(context, args.clubId), args.asOf ?? undefined);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, { description: 'Records a member’s request for a loan. Refused beyond the club’s rule on loans per member.' })
  async requestLoan(@Arg('input', () => RequestLoanInput) input: RequestLoanInput, @Ctx() context: Context): Promise<Loan> {
    return requestLoan(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, { description: 'The board approves a requested loan.' })
  async approveLoan(@Arg('input', () => LoanDecisionInput) input: LoanDecisionInput, @Ctx() context: Context): Promise<Loan> {
    return approveLoan(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, { description: 'The board refuses a loan not yet paid out, with its reason.' })
  async rejectLoan(@Arg('input', () => LoanDecisionInput) input: LoanDecisionInput, @Ctx() context: Context): Promise<Loan> {
    return rejectLoan(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, {
    description: 'Pays an approved loan out of the income-generation fund and sets its schedule. Refused, with the amounts, beyond the fund’s balance.',
  })
  async disburseLoan(@Arg('input', () => DisburseLoanInput) input: DisburseLoanInput, @Ctx() context: Context): Promise<Loan> {
    return disburseLoan(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Repayment, { description: 'Records a repayment. Refused, with the amounts, beyond what is owed; a retry with the same key records nothing new.' })
  async recordRepayment(@Arg('input', () => RecordRepaymentInput) input: RecordRepaymentInput, @Ctx() context: Context): Promise<Repayment> {
    return recordRepayment(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Repayment, { description: 'Reverses a repayment recorded by mistake with an opposite one.' })
  async reverseRepayment(@Arg('input', () => ReverseRepaymentInput) input: ReverseRepaymentInput, @Ctx() context: Context): Promise<Repayment> {
    return reverseRepayment(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, { description: 'A new schedule for what remains of a loan, by a board decision with its reason.' })
  async rescheduleLoan(@Arg('input', () => RescheduleLoanInput) input: RescheduleLoanInput, @Ctx() context: Context): Promise<Loan> {
    return rescheduleLoan(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Loan, { description: 'Writes off a loan by a board decision with its reason.' })
  async writeOffLoan(@Arg('input', () => LoanDecisionInput) input: LoanDecisionInput, @Ctx() context: Context): Promise<Loan> {
    return writeOffLoan(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => Member, { description: 'The borrower.' })
  async member(@Root() loan: Loan, @Ctx() context: Context): Promise<Member> {
    const member = await context.loaders.memberById.load(loan.memberId);
    if (!member) throw new Error(`member of loan ${loan.id} is not visible`);
    return member;
  }

  @FieldResolver(() => LoanStanding, { description: 'Where the loan stands on a day (today if not given), computed from its schedule and repayments.' })
  async standing(@Root() loan: Loan, @Args(() => AsOfArgs) { asOf }: AsOfArgs, @Ctx() context: Context): Promise<LoanStanding> {
    if (!asOf) return context.loaders.loanStandingToday.load(loan);
    return (await standingsOf(await context.db(), [loan], asOf)).get(loan.id)!;
  }

  @FieldResolver(() => [LoanInstalment], { description: 'The current schedule.' })
  async schedule(@Root() loan: Loan, @Ctx() context: Context): Promise<LoanInstalment[]> {
    return scheduleOf(await context.db(), loan);
  }

  @FieldResolver(() => [Repayment], { description: 'Repayments, oldest first.' })
  async repayments(@Root() loan: Loan, @Ctx() context: Context): Promise<Repayment[]> {
    return repaymentsOf(await context.db(), loan.id);
  }

  @FieldResolver(() => [LoanEvent], { description: 'Decisions and steps, oldest first.' })
  async events(@Root() loan: Loan, @Ctx() context: Context): Promise<LoanEvent[]> {
    return eventsOf(await context.db(), loan.id);
  }
}
