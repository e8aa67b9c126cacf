import { runContractSuite } from "../../contract.js";
import { postgresContractTargets } from "./testing.js";

for (const target of await postgresContractTargets()) runContractSuite(target);
