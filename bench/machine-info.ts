import { cpus, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${type()} ${release()} (${process.platform}/${process.arch})`,
  };
}

export function describeMachine(info: MachineInfo): string {
  return `${info.cpuModel}, ${info.cores} cores, ${info.memoryGb} GB RAM; Node ${info.node}; ${info.os}`;
}
