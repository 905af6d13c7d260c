// The shared provider contract, run against the Outlook provider and the
// Microsoft sandbox. provider-contract.ts comes from the branch that adapts the
// Google provider; until that branch is merged this file does not import.
import { providerContract } from './provider-contract';
import { microsoftContractSetup } from './microsoft-env';

providerContract('microsoft', microsoftContractSetup);
